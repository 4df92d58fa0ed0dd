package io.leadbridge.account.web;

import io.leadbridge.account.AccountManagement.NewPerson;
import io.leadbridge.account.Role;
import io.leadbridge.text.EmailAddresses;
import io.leadbridge.text.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.Set;

/** An admin adds a person to the workspace. */
public class NewPersonForm {

    @NotBlank(message = "{validation.required}")
    @Size(max = 120, message = "{validation.size.max}")
    @PlainText
    private String name;

    @NotBlank(message = "{validation.required}")
    @Size(max = 254, message = "{validation.size.max}")
    @Pattern(regexp = EmailAddresses.REGEX_OR_BLANK, message = "{validation.email}")
    @PlainText
    private String email;

    @NotEmpty(message = "{validation.roles.required}")
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @NotBlank(message = "{validation.required}")
    @Size(min = 12, max = 128, message = "{validation.password.length}")
    @NotCommonPassword
    private String password;

    NewPerson toCommand() {
        return new NewPerson(name.strip(), email.strip(), roles, password);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public Set<Role> getRoles() {
        return roles;
    }

    public void setRoles(Set<Role> roles) {
        this.roles = roles == null ? EnumSet.noneOf(Role.class) : roles;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
