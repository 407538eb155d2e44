/**
 * Wraps content that may be wider than a phone screen. The wrapper scrolls
 * sideways and can be focused, so keyboard users can scroll it with the arrow
 * keys. It is positioned so that visually hidden (absolute) text inside it is
 * clipped with it instead of widening the page.
 */
export function ScrollRegion({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 ${className}`}
    >
      {children}
    </div>
  );
}
