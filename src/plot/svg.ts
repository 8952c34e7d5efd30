// Lesson 8, pictures as SVG text: line charts (loss and accuracy, train vs validation; cost
// curves; a function and its derivative), decision regions of a 2-D classifier, and grids of
// grey images (MNIST digits, the average digit). Pure TypeScript returning strings: no DOM, the
// same output in Node and in browsers. Node turns them into PNG with png-node.ts.
export { lineChart, lineChartGroup, chartGrid, type Series, type LineChartArgs, type ChartGridArgs } from "./line-chart.js";
export { decisionRegions, classProbabilities, type DecisionRegionsArgs, type Prediction } from "./decision-regions.js";
export { imageGrid, imageBody, greyLevel, type ImageGridArgs } from "./image-grid.js";
export { niceTicks, formatTick, type Ticks } from "./ticks.js";
export { escapeXml, svgDocument, PALETTE, FONT_FAMILY } from "./elements.js";
export { confusionMatrixPlot, type ConfusionMatrixArgs } from "./confusion.js";
export { histogramGrid, histogramGroup, histogramCounts, type HistogramArgs, type HistogramGridArgs } from "./histogram.js";
export { planeGrid, planeGroup, type PlanePanel } from "./plane.js";
