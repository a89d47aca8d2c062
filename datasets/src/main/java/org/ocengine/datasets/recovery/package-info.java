/**
 * How well the pipeline recovers a mock survey's truth ({@code ocengine demo}): the demo's run
 * ({@link org.ocengine.datasets.recovery.MockDemo}) and the comparison of its cluster catalogue and
 * member flags with what was injected ({@link org.ocengine.datasets.recovery.RecoveryReport}).
 */
package org.ocengine.datasets.recovery;
