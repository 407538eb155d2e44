import { previewBannerText } from "@/lib/deploy/preview";

/** Renders the preview deployment banner, or nothing on other deployments. */
export function PreviewBanner() {
  const text = previewBannerText();
  if (text === null) return null;
  return (
    <div role="note" className="bg-amber-100 px-4 py-2 text-center text-sm font-semibold text-amber-950">
      {text}
    </div>
  );
}
