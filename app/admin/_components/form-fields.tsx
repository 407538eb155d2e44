import { describedByIds, FieldHelp } from "@/app/_components/field-help";

/** Renders a checkbox with its label beside it, and an optional hint and errors below. */
export function CheckboxField({
  label,
  name,
  defaultChecked,
  hint,
  errors,
}: {
  label: string;
  name: string;
  defaultChecked?: boolean;
  hint?: string;
  errors?: string[];
}) {
  const id = `field-${name}`;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={name}
          type="checkbox"
          defaultChecked={defaultChecked}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedByIds(id, hint, errors)}
          className="size-5 rounded border-zinc-300 accent-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        />
        <label htmlFor={id} className="text-sm font-medium text-zinc-800">
          {label}
        </label>
      </div>
      <FieldHelp id={id} hint={hint} errors={errors} />
    </div>
  );
}

/**
 * Renders a labelled <select>. `placeholder` adds a first, empty option, so nothing
 * is picked until the manager chooses; the server rejects the empty value.
 */
export function SelectField({
  label,
  name,
  options,
  placeholder,
  defaultValue,
  errors,
  idPrefix = "field",
}: {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  placeholder?: string;
  defaultValue?: string;
  errors?: string[];
  /** Keeps ids unique when two forms on one page have a field of the same name. */
  idPrefix?: string;
}) {
  const id = `${idPrefix}-${name}`;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-zinc-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedByIds(id, undefined, errors)}
        className="min-h-10 max-w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600 focus-visible:outline-2 focus-visible:outline-blue-700"
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldHelp id={id} errors={errors} />
    </div>
  );
}
