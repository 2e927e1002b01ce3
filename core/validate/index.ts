// Registers the data integrity and data checks with validateRepository (DuckDB loads lazily).
import "./data-validator.ts";

export {
  registerDataValidator,
  type ValidateOptions,
  type ValidationResult,
  validateRepository,
} from "./validate-repository.ts";
