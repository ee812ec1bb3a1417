package dev.workbench.core.async;

import dev.workbench.api.EndpointState;
import dev.workbench.core.job.RunningJob;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sagemaker.model.AsyncInferenceClientConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * What one endpoint's fleet can do right now, as DescribeEndpoint last showed it: running, scaled to zero, or
 * warming up from zero. Shared by every job on the endpoint; each job is told when the state changes.
 * Batches' deadlines only run while the endpoint is {@link EndpointState#RUNNING}, and {@link #workers()}
 * (instances x concurrent invocations per instance) says how many queued batches can be processed at once.
 */
final class EndpointCapacity {
    private final String endpointName;
    private final Set<RunningJob> jobs = ConcurrentHashMap.newKeySet();
    private volatile EndpointState state = EndpointState.RUNNING;
    private volatile @Nullable Instant waitingSince;
    private volatile int workers = 1;
    private volatile boolean polling;

    EndpointCapacity(String endpointName) {
        this.endpointName = endpointName;
    }

    String endpointName() {
        return endpointName;
    }

    EndpointState state() {
        return state;
    }

    int workers() {
        return workers;
    }

    void join(RunningJob job) {
        jobs.add(job);
        job.endpointState(state, waitingSince);
    }

    void leave(RunningJob job) {
        jobs.remove(job);
    }

    boolean hasJobs() {
        return !jobs.isEmpty();
    }

    /** Claims the poller role; false when a poll is already scheduled. */
    synchronized boolean startPolling() {
        if (polling) {
            return false;
        }
        polling = true;
        return true;
    }

    synchronized void stopPolling() {
        polling = false;
    }

    /** Results are arriving: an instance serves (DescribeEndpoint may lag behind). */
    void running() {
        synchronized (this) {
            state = EndpointState.RUNNING;
            waitingSince = null;
        }
        for (RunningJob job : jobs) {
            job.endpointState(EndpointState.RUNNING, null);
        }
    }

    /** Updates from a DescribeEndpoint answer and tells the jobs; returns the new state. */
    EndpointState observe(DescribeEndpointResponse d) {
        int current = 0;
        int desired = 0;
        for (ProductionVariantSummary v : d.productionVariants()) {
            current += v.currentInstanceCount() == null ? 0 : v.currentInstanceCount();
            desired += v.desiredInstanceCount() == null ? 0 : v.desiredInstanceCount();
        }
        int perInstance = 1;
        if (d.asyncInferenceConfig() != null) {
            AsyncInferenceClientConfig client = d.asyncInferenceConfig().clientConfig();
            if (client != null && client.maxConcurrentInvocationsPerInstance() != null) {
                perInstance = Math.max(1, client.maxConcurrentInvocationsPerInstance());
            }
        }
        workers = Math.max(1, current) * perInstance;
        EndpointState next = current > 0 ? EndpointState.RUNNING
                : desired > 0 ? EndpointState.WARMING : EndpointState.SCALED_TO_ZERO;
        synchronized (this) {
            if (next == EndpointState.RUNNING) {
                waitingSince = null;
            } else if (waitingSince == null) {
                waitingSince = Instant.now();
            }
            state = next;
        }
        for (RunningJob job : jobs) {
            job.endpointState(next, waitingSince);
        }
        return next;
    }
}
