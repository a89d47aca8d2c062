/**
 * How well the pipeline recovers a mock survey's truth ({@code ocengine demo}): the demo's run
 * ({@link org.ocengine.datasets.recovery.MockDemo}) and the comparison of its cluster catalogue and
 * member flags with what was injected ({@link org.ocengine.datasets.recovery.RecoveryReport}), and of
 * its [Fe/H] gradient fits with the injected gradient and knee
 * ({@link org.ocengine.datasets.recovery.GradientRecovery}).
 */
package org.ocengine.datasets.recovery;
