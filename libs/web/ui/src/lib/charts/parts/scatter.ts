// The funnel plot's scatter of organisations, loaded only by pages that draw one.
import { use } from 'echarts/core';
import { ScatterChart } from 'echarts/charts';

use([ScatterChart]);
