/**
 * PNG charts of runs drawn with XChart: training loss and HR@10 per epoch, the comparison bar chart and
 * the sweep charts. Drawing is headless, so the charts render on servers without a display.
 */
package io.github.ncf.examples.chart;
