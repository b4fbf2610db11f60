package com.stepup.gateway.console.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Checks console credentials against the users in the database. */
@ApplicationScoped
class ConsoleIdentityStore implements IdentityStore {

  @Inject ConsoleUsers users;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)
        || LoginForm.check(login.getCaller(), login.getPasswordAsString()).isPresent()) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    return users
        .verify(login.getCaller(), login.getPassword().getValue())
        .map(role -> new CredentialValidationResult(login.getCaller(), Set.of(role.name())))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
