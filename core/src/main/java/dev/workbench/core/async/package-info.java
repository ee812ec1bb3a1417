/**
 * The async round trip: batches uploaded to S3, InvokeEndpointAsync, one completion watcher for every in-flight
 * batch, retries and bisection of failed batches.
 *
 * <h2>Many processes, one truth</h2>
 * Several processes (on one machine sharing {@code journal.db}, or on several sharing only the bucket) may run
 * the same or overlapping inputs. A batch is named by its content: the content key hashes the endpoint, the
 * batch's first row and its CSV, and the InferenceId adds a generation. Coordination goes through S3; the
 * journal is this machine's cache.
 * <ul>
 *   <li><b>Lease.</b> The input object {@code endpoints/<ep>/async-input/<InferenceId>.csv} is written with
 *       {@code If-None-Match: *}: whoever creates it holds the lease on (content, generation) and invokes; its
 *       metadata names the holder ({@link Participant}: host, pid, start time, round trip) and the claim (so a
 *       retried write of our own is told from someone else's). A lone run pays nothing for this: it is the PUT
 *       it needs anyway.</li>
 *   <li><b>Registration.</b> Each process registers once per endpoint it works on,
 *       {@code endpoints/<ep>/async-runs/<participant>}, rewritten every {@link Coordinator#HEARTBEAT} with one
 *       listing of its neighbours (two requests a heartbeat, not per batch). A registration older than
 *       {@link Coordinator#STALE} than ours, or of a process on this host that is gone, is a participant that
 *       stopped.</li>
 *   <li><b>Follow.</b> Refused with 412 (or finding the batch open in the journal under a live holder), a
 *       process follows instead of invoking: the holder, while it sees other registrations, publishes each
 *       result (rows or failure message) under {@code endpoints/<ep>/async-shared/} for
 *       {@link Coordinator#SHARE_FOR}; the follower takes it from there, or, on the same machine, from the rows
 *       the holder wrote into the journal. Following takes no place in flight.</li>
 *   <li><b>Fall back.</b> When the holder stopped, or its input object vanished without a result (it collected
 *       before it saw us, gave up, or was cancelled), or nothing came within the invocation timeout, the
 *       follower invokes the batch itself under the next generation (a holder that died on this machine after
 *       invoking is adopted instead: its output is collected from the journal's locations). Every wait is
 *       bounded by a heartbeat, a staleness window or the invocation timeout, never by an object that may
 *       already be gone.</li>
 *   <li><b>Re-runs.</b> The journal reuses successful rows only: a batch that failed in an earlier run is
 *       invoked again. A job that ended with failed rows keeps its collected rows in the journal (until the
 *       weekly purge), so its re-run invokes only what failed.</li>
 *   <li><b>Missing results.</b> A bucket that disappears (NoSuchBucket in two listings) fails the rows still
 *       waiting on it with an error naming it. A batch overtaken by {@link CompletionWatcher#OVERTAKEN_BY}
 *       batches submitted after it is flagged stalled in the progress after {@link CompletionWatcher#STALLED_AFTER}
 *       (and three times the endpoint's typical time), and given up on like a failed invocation (split, then
 *       row errors) after {@link CompletionWatcher#GIVE_UP_AFTER} (and ten times).</li>
 * </ul>
 * Should two racing create-if-absent writes both succeed (S3 decides them atomically; a store that checked and
 * wrote in two steps might not), both would invoke and each read its own output: the rows stay right, only the
 * compute is not shared.
 */
@NullMarked
package dev.workbench.core.async;

import org.jspecify.annotations.NullMarked;
