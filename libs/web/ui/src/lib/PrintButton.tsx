// "Print or save as PDF": the page as a board pack. Print styles hide navigation and filters and open
// every table alternative; a page adds its provenance and definitions in a print-only block.
export function PrintButton() {
  return (
    <button
      type="button"
      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small aiwr-print-button"
      onClick={() => window.print()}
    >
      Print or save as PDF
    </button>
  );
}
