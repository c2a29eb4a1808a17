using System.Diagnostics.CodeAnalysis;

// CA1032 asks every exception for the parameterless, (message) and (message, inner) constructors. Ours carry what hosts
// answer by (an error class, a stable code, a secret failure, a refusal reason, the bad fields, the server): those
// constructors would create exceptions whose class says nothing true (a SecretStoreException("x") reporting NotFound).
// Each exception has only the constructors that make a valid object.
[assembly: SuppressMessage("Design", "CA1032:Implement standard exception constructors",
    Justification = "Failures carry an error class and their own data; the standard constructors would create invalid objects.",
    Scope = "namespaceanddescendants", Target = "~N:CpanelSessionOps")]
