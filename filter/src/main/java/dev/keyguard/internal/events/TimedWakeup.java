package dev.keyguard.internal.events;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Waits the whole interval: polling only (H2, MariaDB, or LISTEN switched off). */
final class TimedWakeup implements Wakeup {

    private final Semaphore stopped = new Semaphore(0);

    @Override
    public void await(long nanos) {
        try {
            if (stopped.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
                stopped.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        stopped.release();
    }

    @Override
    public void close() {
        // holds nothing
    }
}
