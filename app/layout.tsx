import type { Metadata } from "next";
import { headers } from "next/headers";
import { THEME_SCRIPT } from "@/lib/client/theme";
import "./globals.css";

// Rendered per request: each response carries its own CSP nonce (proxy.ts), which Next puts on
// its scripts only when it renders the page then.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Netlens — Docker network map",
  description: "A live map of Docker container networks, drawn from the Container Network Model",
  icons: { icon: "/icon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme script sets data-theme before React hydrates: not a mismatch to report.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="bg-slate-950 font-sans text-slate-100 antialiased">{children}</body>
    </html>
  );
}
