import Form from "next/form";
import Link from "next/link";
import { FilterSearchField } from "@/app/admin/_components/search-form";
import { filterControlClass } from "@/app/admin/_components/styles";
import { userRoles } from "@/db/schema";
import { userKinds, userStates, type UserFilters } from "@/lib/users/queries";
import { kindLabels, roleLabels, stateLabels } from "../_lib/labels";


function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`filter-${name}`} className="text-sm font-medium text-zinc-800">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={filterControlClass}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Renders the GET form that searches and filters the user list. */
export function UserFiltersForm({ filters }: { filters: UserFilters }) {
  const filtered = Boolean(filters.search || filters.role || filters.kind || filters.state);
  return (
    <Form action="/admin/users" role="search" className="flex flex-wrap items-end gap-3">
      <FilterSearchField id="search-q" label="Search name or login" defaultValue={filters.search} />
      <Select
        name="role"
        label="Role"
        value={filters.role}
        options={userRoles.map((role) => ({ value: role, label: roleLabels[role] }))}
      />
      <Select
        name="kind"
        label="Kind"
        value={filters.kind}
        options={userKinds.map((kind) => ({ value: kind, label: kindLabels[kind] }))}
      />
      <Select
        name="state"
        label="State"
        value={filters.state}
        options={userStates.map((state) => ({ value: state, label: stateLabels[state] }))}
      />
      <button
        type="submit"
        className="inline-flex min-h-10 items-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-700"
      >
        Show users
      </button>
      {filtered ? (
        <Link href="/admin/users" className="inline-flex min-h-10 items-center px-2 text-sm text-blue-700 underline">
          Clear filters
        </Link>
      ) : null}
    </Form>
  );
}
