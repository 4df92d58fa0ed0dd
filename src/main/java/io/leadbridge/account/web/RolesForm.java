package io.leadbridge.account.web;

import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.EnumSet;
import java.util.Set;

/** An admin changes a person's roles; the version guards against overwriting another admin's newer change. */
public class RolesForm {

    @NotEmpty(message = "{validation.roles.required}")
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @NotNull(message = "{validation.required}")
    private Long version;

    static RolesForm of(Person person) {
        RolesForm form = new RolesForm();
        form.setRoles(EnumSet.copyOf(person.roles()));
        form.setVersion(person.version());
        return form;
    }

    public Set<Role> getRoles() {
        return roles;
    }

    public void setRoles(Set<Role> roles) {
        this.roles = roles == null ? EnumSet.noneOf(Role.class) : roles;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
