package org.citizendata.collaborative.directory;

import org.citizendata.collaborative.platform.StartupOrder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every installation, demo or production, has the role groups. */
@Component
class DirectoryBootstrap {

    private final Directory directory;

    DirectoryBootstrap(Directory directory) {
        this.directory = directory;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(StartupOrder.DIRECTORY)
    void createRoleGroups() {
        directory.ensureRoleGroups();
    }
}
