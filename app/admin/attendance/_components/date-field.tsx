import { describedByIds, FieldHelp } from "@/app/_components/field-help";

/** Renders the Date input of the class picker, limited to the school's today. */
export function DateField({
  defaultValue,
  max,
  hint,
  errors,
}: {
  defaultValue: string;
  max: string;
  hint: string;
  errors?: string[];
}) {
  const id = "field-date";
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-zinc-800">
        Date
      </label>
      <input
        id={id}
        name="date"
        type="date"
        required
        defaultValue={defaultValue}
        max={max}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedByIds(id, hint, errors)}
        className="min-h-10 rounded-md border border-zinc-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600 focus-visible:outline-2 focus-visible:outline-blue-700"
      />
      <FieldHelp id={id} hint={hint} errors={errors} />
    </div>
  );
}
