package dev.keyguard.internal.events;

/** How the follower waits between two reads of the log. Used by the follower's thread only. */
interface Wakeup {

    /** Waits up to {@code nanos}; returns sooner when there may be news, or on {@link #stop}. */
    void await(long nanos);

    /** Makes a running or the next {@link #await} return soon; callable from any thread. */
    void stop();

    /** Releases what the waiting holds (a connection); called by the follower's thread. */
    void close();
}
