import { LoginForm } from "@/components/login-form";

export const metadata = { title: "Log in — Netlens" };

export default function LoginPage() {
  return <LoginForm />;
}
