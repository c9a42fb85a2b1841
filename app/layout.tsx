import type { Metadata } from "next";
import "./globals.css";

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
