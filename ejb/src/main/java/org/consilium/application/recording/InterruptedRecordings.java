package org.consilium.application.recording;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * As the server starts: recordings it was writing when it last stopped without finishing them
 * (a crash, a power cut) are marked interrupted. Their files end at their last whole chunk.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // after the schema is migrated, as every startup bean (StartupOrderTest)
public class InterruptedRecordings {

    @Inject
    VisitRecorders recorders;

    @PostConstruct
    void markInterrupted() {
        recorders.stopInterrupted();
    }
}
