package org.citizendata.collaborative;

import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CollaborativeWorkflowsApplication {

    public static void main(String[] args) {
        // The rhythms of the ToR (drives on 15 January and 15 July at 09:00 UTC) count in UTC,
        // whatever the server's zone; people see times in their own zone in the web applications.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        SpringApplication.run(CollaborativeWorkflowsApplication.class, args);
    }
}
