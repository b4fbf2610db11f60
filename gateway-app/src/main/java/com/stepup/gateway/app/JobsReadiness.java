package com.stepup.gateway.app;

import com.stepup.gateway.platform.BackgroundJobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready also means the background jobs are running: each job's last successful run is reported, and
 * a job that has not succeeded for twenty of its intervals (at least five minutes) makes the
 * gateway not ready, so an operator sees a stuck janitor or notification sweep at once.
 */
@Readiness
@ApplicationScoped
class JobsReadiness implements HealthCheck {

  @Inject BackgroundJobs jobs;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("background-jobs").up();
    Instant now = Instant.now();
    for (BackgroundJobs.Status job : jobs.statuses()) {
      response.withData(
          job.name(),
          (job.lastSuccessAt() == null ? "no run yet" : "last success " + job.lastSuccessAt())
              + (job.lastFailureAt() == null
                  ? ""
                  : ", last failure " + job.lastFailureAt() + " (" + job.lastFailure() + ")"));
      if (job.stale(now)) {
        response.down();
      }
    }
    return response.build();
  }
}
