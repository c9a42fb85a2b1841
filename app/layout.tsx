import type { Metadata } from "next";
import "./globals.css";

// Rendered per request: each response carries its own CSP nonce (proxy.ts), which Next puts on
// its scripts only when it renders the page then.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Netlens — Docker network map",
  description: "A live map of Docker container networks, drawn from the Container Network Model",
  icons: { icon: "/icon.svg" },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-slate-950 font-sans text-slate-100 antialiased">{children}</body>
    </html>
  );
}
