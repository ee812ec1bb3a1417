package dev.workbench.core.async;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The round trip's bounded, named daemon executors; idle threads end after a while. */
final class AsyncThreads {
    /** Blocking SDK calls (PUT, invoke, GET, DeleteObjects, DescribeEndpoint); enough for 64 in flight. */
    static final int IO_THREADS = 16;

    private AsyncThreads() {}

    static ThreadPoolExecutor io(String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(IO_THREADS, IO_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static ScheduledThreadPoolExecutor single(String name) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, factory(name));
        pool.setRemoveOnCancelPolicy(true);
        pool.setKeepAliveTime(30, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory factory(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
