declare module "@echogarden/espeak-ng-emscripten" {
  /** Emscripten module factory; the module has the eSpeakNGWorker class. */
  const initialise: () => Promise<{ eSpeakNGWorker: new () => unknown }>;
  export default initialise;
}
