// Class strings shared by the admin pages, so links that look like buttons and
// tables stay consistent.

export const buttonLinkClass =
  "inline-flex min-h-10 items-center justify-center rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";

export const textLinkClass =
  "text-blue-700 underline hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-blue-700";

export const tableWrapperClass = "overflow-x-auto rounded-md border border-zinc-200 bg-white";

export const tableClass = "min-w-full divide-y divide-zinc-200 text-left text-sm";

export const headerCellClass = "px-3 py-2 font-semibold whitespace-nowrap text-zinc-800";

export const cellClass = "px-3 py-2 align-top";

export const sectionClass = "flex flex-col gap-4 rounded-md border border-zinc-200 bg-white p-4";

/** Inputs and selects of the GET filter forms above admin lists. */
export const filterControlClass =
  "min-h-10 rounded-md border border-zinc-300 bg-white px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-blue-700";
