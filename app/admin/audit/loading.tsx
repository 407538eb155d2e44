import { LoadingPanel } from "@/app/_components/loading-panel";

export default function Loading() {
  return <LoadingPanel what="history" rows={6} />;
}
