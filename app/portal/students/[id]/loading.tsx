import { LoadingPanel } from "@/app/_components/loading-panel";

// Sits below the child layout, which checks the access rule before anything
// streams, so another family's child still gets a 404 status.
export default function Loading() {
  return <LoadingPanel what="this page" rows={5} />;
}
