/* The background page's entry point: the add-on's logic wired to Thunderbird's `browser`. */
import { startBackground } from "./lib/background-main.js";

startBackground({ browser, fetch: (...args) => fetch(...args) });
