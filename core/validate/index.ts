export {
  registerDataValidator,
  type ValidateOptions,
  type ValidationResult,
  validateRepository,
} from "./validate-repository.ts";
