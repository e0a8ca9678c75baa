// The coverage matrix's heatmap and its continuous colour scale, loaded only by pages that draw one.
import { use } from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { VisualMapContinuousComponent } from 'echarts/components';

use([HeatmapChart, VisualMapContinuousComponent]);
