/**
 * The chaos run of {@code ./chaos.sh}: {@link com.stepup.gateway.bench.chaos.ChaosRun} has partners
 * act at random under sandbox faults and instance kills, waits for quiet, and compares every
 * payment with the sandbox, Klarna's ground truth; any difference fails the run.
 */
package com.stepup.gateway.bench.chaos;
