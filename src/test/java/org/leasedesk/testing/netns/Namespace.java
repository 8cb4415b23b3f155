package org.leasedesk.testing.netns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;

/**
 * A network namespace made by a {@link NetworkLab}. Commands run in it through
 * {@code ip netns exec}; Java code runs in it on a thread that has joined it with setns(2).
 */
public final class Namespace {

    /** Generous for peers that retransmit; a test that needs longer says so. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final NetworkLab lab;
    private final String label;
    private final String name;

    Namespace(NetworkLab lab, String label, String name) {
        this.lab = lab;
        this.label = label;
        this.name = name;
    }

    /** The name the test chose, such as {@code server}. */
    public String label() {
        return label;
    }

    /** The real namespace name, unique to this run, as {@code ip netns list} shows it. */
    public String name() {
        return name;
    }

    public NetworkLab lab() {
        return lab;
    }

    /** An end of a future link in this namespace; see {@link NetworkLab#link}. */
    public LinkEnd iface(String interfaceName) {
        return new LinkEnd(this, interfaceName, Optional.empty(), Optional.empty());
    }

    /** Runs a command here to completion, within {@link #DEFAULT_TIMEOUT}. */
    public CommandResult exec(String... command) {
        return exec(DEFAULT_TIMEOUT, List.of(command));
    }

    /** Runs a command here to completion; on timeout it is killed and an exception says so. */
    public CommandResult exec(Duration timeout, List<String> command) {
        return lab.runToCompletion(insideCommand(command), command, timeout);
    }

    /** Starts a long-running command here; the lab stops it when it closes if the test has not. */
    public BackgroundProcess start(String... command) {
        return lab.startProcess(insideCommand(List.of(command)), List.of(command));
    }

    /**
     * Every process now running in this namespace: those the lab started and any they left
     * behind, such as a peer that daemonised.
     */
    public List<ProcessHandle> processes() {
        return lab.processesIn(this);
    }

    /** Starts tcpdump on an interface here, capturing DHCP (UDP ports 67 and 68). */
    public PacketCapture capture(String interfaceName) {
        return PacketCapture.start(this, interfaceName);
    }

    /**
     * Runs {@code work} on a new thread that has joined this namespace, and returns its result.
     * Sockets opened by {@code work} belong to this namespace for their whole life, whichever
     * thread uses them later; threads it starts inherit the namespace.
     *
     * <p>Sockets are the reliable view of the namespace. {@link java.net.NetworkInterface} is
     * not: the JDK reads part of it from /proc/net, which follows the JVM's main thread.
     */
    public <T> T callInside(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().name("netns-" + label).start(() -> {
            try {
                enter();
                result.complete(work.call());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Threads that join this namespace before running their task, for executors that serve
     * inside it (an in-process DHCP server's receive loop, a client's scheduler). If joining
     * fails the task does not run and the thread ends with the exception.
     */
    public ThreadFactory threadFactory() {
        ThreadFactory named = Thread.ofPlatform().name("netns-" + label + "-", 1).factory();
        return task -> named.newThread(() -> {
            enter();
            task.run();
        });
    }

    /** Moves the calling thread into this namespace. Only ever called on threads made for it. */
    private void enter() {
        LinuxCalls libc = LinuxCalls.libc();
        int fd = libc.open(NetworkLab.NETNS_DIRECTORY.resolve(name).toString(), LinuxCalls.O_RDONLY | LinuxCalls.O_CLOEXEC);
        try {
            libc.setns(fd, LinuxCalls.CLONE_NEWNET);
        } finally {
            libc.close(fd);
        }
    }

    private List<String> insideCommand(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    @Override
    public String toString() {
        return label + " (" + name + ")";
    }
}
