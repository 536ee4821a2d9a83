package org.ams.identity;

import java.util.List;

/** AMS's own local accounts as an identity source. Always asked first, and cannot be switched off. */
final class LocalIdentitySource implements IdentitySource {

    static final String KEY = LocalAccountService.SOURCE;

    private final LocalAccountService accounts;

    LocalIdentitySource(LocalAccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String displayName() {
        return "Local accounts";
    }

    @Override
    public SourceAuthentication authenticate(String username, char[] password) {
        return accounts.verify(username, password);
    }

    @Override
    public List<PrincipalRef> search(String text, int limit) {
        return accounts.search(text, limit);
    }
}
