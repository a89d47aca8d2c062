/** ocengine: open-cluster catalogues from large spectroscopic surveys. */
package org.ocengine;
