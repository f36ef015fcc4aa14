package dev.partnerconsent.standin.keyvault;

import java.util.Locale;

/**
 * Key Vault's two permission models; they refuse with different 403 bodies, reproduced here so the application's
 * diagnostics can be tested against both.
 */
public enum PermissionModel {
    ACCESS_POLICY {
        @Override
        VaultError forbidden(Operation operation, Principal caller, VaultIdentity vault, String secretName) {
            return VaultError.forbidden("AccessDenied", "The user, group or application '" + caller.describe()
                    + "' does not have secrets " + operation.accessPolicyPermission() + " permission on key vault '"
                    + vault.describe() + "'. For help resolving this issue, please see "
                    + "https://go.microsoft.com/fwlink/?linkid=2125287");
        }
    },
    RBAC {
        @Override
        VaultError forbidden(Operation operation, Principal caller, VaultIdentity vault, String secretName) {
            String resource = operation.targetsOneSecret() && secretName != null
                    ? vault.resourceId() + "/secrets/" + secretName.toLowerCase(Locale.ROOT)
                    : vault.resourceId();
            return VaultError.forbidden("ForbiddenByRbac", "Caller is not authorized to perform action on resource.\r\n"
                    + "If role assignments, deny assignments or role definitions were changed recently, please observe "
                    + "propagation time.\r\n"
                    + "Caller: " + caller.describe() + "\r\n"
                    + "Action: '" + operation.rbacAction() + "'\r\n"
                    + "Resource: '" + resource + "'\r\n"
                    + "Assignment: (not found)\r\n"
                    + "DenyAssignmentId: null\r\n"
                    + "DecisionReason: 'DeniedWithNoValidRBAC' \r\n"
                    + "Vault: " + vault.describe() + "\r\n");
        }
    };

    abstract VaultError forbidden(Operation operation, Principal caller, VaultIdentity vault, String secretName);
}
