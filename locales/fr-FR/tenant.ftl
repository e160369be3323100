# tenant
