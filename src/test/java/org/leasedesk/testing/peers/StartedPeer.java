package org.leasedesk.testing.peers;

import java.nio.file.Path;
import java.util.List;
import org.leasedesk.testing.netns.BackgroundProcess;

/** A peer running in a namespace, and the configuration files written for it (none when it is all on the command line). */
public record StartedPeer(BackgroundProcess process, List<Path> configFiles) {

    public StartedPeer {
        configFiles = List.copyOf(configFiles);
    }
}
