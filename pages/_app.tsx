import type { AppProps } from "next/app";
import "../app/globals.css";

/** The reader pages (Pages Router, no runtime JavaScript) share the App Router's stylesheet. */
export default function ReaderApp({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}
