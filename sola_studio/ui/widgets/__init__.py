"""The studio's widgets. Each shows what it is given and forwards the seller's actions as
signals; none of them holds business logic, opens a device or calls model code."""
