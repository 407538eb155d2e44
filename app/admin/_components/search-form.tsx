import Form from "next/form";
import Link from "next/link";
import { filterControlClass } from "./styles";

/** Renders a GET search form that puts its text into `?q=`, with a link that clears it. */
export function SearchForm({
  label,
  action,
  defaultValue,
}: {
  label: string;
  action: string;
  defaultValue: string;
}) {
  return (
    <Form action={action} role="search" className="flex flex-wrap items-end gap-2">
      <div className="flex min-w-0 flex-1 flex-col gap-1 sm:max-w-sm">
        <label htmlFor="search-q" className="text-sm font-medium text-zinc-800">
          {label}
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={defaultValue}
          maxLength={100}
          className="min-h-10 rounded-md border border-zinc-300 px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-blue-700"
        />
      </div>
      <button
        type="submit"
        className="inline-flex min-h-10 items-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-700"
      >
        Search
      </button>
      {defaultValue ? (
        <Link href={action} className="inline-flex min-h-10 items-center px-2 text-sm text-blue-700 underline">
          Clear search
        </Link>
      ) : null}
    </Form>
  );
}

/**
 * Renders the text search of a filter form, sent as `?q=`. It grows to fill
 * its row and takes a whole row on narrow screens.
 */
export function FilterSearchField({
  id,
  label,
  defaultValue,
  basisClass = "sm:basis-64",
}: {
  id: string;
  label: string;
  defaultValue: string | undefined;
  /** The field's width on wider screens, a Tailwind flex-basis class. */
  basisClass?: string;
}) {
  return (
    <div className={`flex min-w-0 flex-1 basis-full flex-col gap-1 ${basisClass}`}>
      <label htmlFor={id} className="text-sm font-medium text-zinc-800">
        {label}
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        maxLength={100}
        className={filterControlClass}
      />
    </div>
  );
}
