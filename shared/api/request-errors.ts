// Errors only the HTTP edge raises (while reading a request), mapped by problem.ts like any other.
import { AppError } from "../errors.js";

/** The body is larger than the route accepts. */
export class PayloadTooLarge extends AppError {
  readonly kind = "PayloadTooLarge";
  readonly transient = false;
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes`);
    this.name = "PayloadTooLarge";
  }
}

/** The body is not in a media type the route accepts. */
export class UnsupportedMediaType extends AppError {
  readonly kind = "UnsupportedMediaType";
  readonly transient = false;
  constructor(readonly accepted: string) {
    super(`The request body must be ${accepted}`);
    this.name = "UnsupportedMediaType";
  }
}
