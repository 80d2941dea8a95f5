package org.citizendata.collaborative;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CollaborativeWorkflowsApplication {

    public static void main(String[] args) {
        SpringApplication.run(CollaborativeWorkflowsApplication.class, args);
    }
}
