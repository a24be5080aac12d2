"""What CloudWatch does on AWS that moto does not: the metrics AWS services publish themselves, and alarms that
change state and tell their actions."""
