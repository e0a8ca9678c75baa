// NHS identity colours. The sequential scale is light-to-dark NHS blue, readable by people with any
// colour vision (it varies in lightness), and every cell also carries its value as text.
export const NHS_BLUE = '#005eb8';
export const NHS_DARK_BLUE = '#003087';
export const NHS_PALE_BLUE = '#e8f1f8';
export const NHS_GREY = '#4c6272';
export const NHS_DARK_GREY = '#212b32';
export const NHS_WARM_YELLOW = '#ffb81c';
export const NHS_RED = '#d5281b';
export const NHS_GREEN = '#007f3b';
export const SERIES_COLOURS = [NHS_BLUE, '#330072', NHS_GREEN, '#7c2855', '#ed8b00', NHS_DARK_GREY];
