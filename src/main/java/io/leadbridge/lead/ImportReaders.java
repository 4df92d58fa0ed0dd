package io.leadbridge.lead;

import io.leadbridge.tenant.CurrentTenant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads an import's file on a thread of its own while the caller works on what was read before (issue 21): the check
 * parses and checks the rows of the next chunk in Java while its own thread checks the previous chunk against the
 * workspace and stages it in the database. Bounded: the reader hands a chunk over only when the caller takes it, so at
 * most one chunk waits while the caller works on another. The reader works in the caller's workspace and language, and
 * reads the file (committed at the upload) in a read-only transaction of its own; the caller's transaction stays on the
 * caller's thread.
 */
@Component
class ImportReaders {

    private final TaskExecutor threads;
    private final TransactionTemplate readOnly;

    ImportReaders(
            @Qualifier(ImportConfiguration.READERS) TaskExecutor threads, PlatformTransactionManager transactions) {
        this.threads = threads;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Starts {@code read} on a reader's thread; it hands on what it read, item by item, to the consumer it is given.
     * The caller takes the items with {@link Reading#next()} and must close the reading.
     */
    <T> Reading<T> start(Consumer<Consumer<T>> read) {
        Reading<T> reading = new Reading<>();
        UUID tenant = CurrentTenant.require();
        var locale = LocaleContextHolder.getLocale();
        threads.execute(() -> {
            LocaleContextHolder.setLocale(locale);
            try {
                CurrentTenant.runAs(tenant, () -> readOnly.executeWithoutResult(status -> read.accept(reading::hand)));
                reading.hand(Reading.END);
            } catch (Reading.Closed closed) {
                // the caller stopped taking: nothing more to hand on
            } catch (RuntimeException | Error e) {
                reading.fail(e);
            } finally {
                LocaleContextHolder.resetLocaleContext();
                reading.ended();
            }
        });
        return reading;
    }

    /** What a reader hands on, one item at a time; closing it stops the reader and waits until it has ended. */
    static final class Reading<T> implements AutoCloseable {

        private static final Object END = new Object();

        private final SynchronousQueue<Object> handover = new SynchronousQueue<>();
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean closed;
        private boolean done;

        private Reading() {}

        /** The next item, or null when the reader has read everything; rethrows what made the reader fail. */
        @SuppressWarnings("unchecked")
        T next() {
            if (done) {
                return null;
            }
            Object item;
            try {
                item = handover.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading an import's file", e);
            }
            if (item == END) {
                done = true;
                return null;
            }
            if (item instanceof Failure failure) {
                done = true;
                if (failure.cause() instanceof RuntimeException e) {
                    throw e;
                }
                throw (Error) failure.cause();
            }
            return (T) item;
        }

        private void hand(Object item) {
            try {
                while (!handover.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    if (closed) {
                        throw new Closed();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Closed();
            }
        }

        private void fail(Throwable cause) {
            try {
                hand(new Failure(cause));
            } catch (Closed closed) {
                // the caller has gone: it failed itself
            }
        }

        private void ended() {
            ended.countDown();
        }

        /** Stops the reader (if it is still reading) and waits until its thread and transaction are done. */
        @Override
        public void close() {
            closed = true;
            try {
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private record Failure(Throwable cause) {}

        private static final class Closed extends RuntimeException {
            Closed() {
                super(null, null, false, false);
            }
        }
    }
}
