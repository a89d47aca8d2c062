/**
 * The mock LAMOST survey with ground truth ({@code ocengine generate}): a deterministic, counter-based
 * simulation of clusters, field stars, Gaia's view of them, a cluster member list, LAMOST fibre visits
 * and the medium-resolution pipeline's measurements with their published errors and known biases,
 * written as record batches in the real catalogues' column spellings beside every true value.
 * Entry point: {@link org.ocengine.datasets.mock.MockSurveyGenerator}.
 */
package org.ocengine.datasets.mock;
