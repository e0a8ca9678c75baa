/**
 * The element every chart draws into, whichever drawing it holds (the SVG drawn first, or echarts after a
 * pointer reaches it): one accessible image with the chart's title and summary as its label.
 */
export const chartFrameProps = (label: string, height: number, drawing: 'static' | 'echarts') => ({
  style: { width: '100%', height },
  role: 'img',
  'aria-label': label,
  className: 'aiwr-chart',
  'data-chart': drawing,
});
