import { previewBannerText } from "@/lib/deploy/preview";

/**
 * Renders the preview deployment banner, or nothing on other deployments.
 * NOTE: pages that Next.js renders at build time (/forgot-password, the 404
 * page) read APP_ENV and VERCEL_ENV from the build's environment, so a preview
 * must set them for `next build` too. Vercel sets VERCEL_ENV for both.
 */
export function PreviewBanner() {
  const text = previewBannerText();
  if (text === null) return null;
  return (
    <div role="note" className="bg-amber-100 px-4 py-2 text-center text-sm font-semibold text-amber-950">
      {text}
    </div>
  );
}
